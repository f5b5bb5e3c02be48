using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class CellValueParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("/")]
    [InlineData("-")]
    [InlineData("—")]
    [InlineData("——")]
    [InlineData("–")]
    [InlineData("－")]
    [InlineData("无")]
    [InlineData(" 无 ")]
    [InlineData("〇")]
    public void Printed_zeros_read_as_zero_and_keep_their_text(string text)
    {
        var parsed = CellValueParser.Parse(text, CellValueKind.NonNegativeInteger);

        Assert.Equal(0m, parsed.Value);
        Assert.Equal(text, parsed.Text);
        Assert.NotEqual(ParsedValueForm.Unparseable, parsed.Form);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData(null)]
    public void A_blank_cell_reads_as_zero(string? text)
    {
        var parsed = CellValueParser.Parse(text, CellValueKind.NonNegativeInteger);

        Assert.Equal(0m, parsed.Value);
        Assert.Equal(ParsedValueForm.Blank, parsed.Form);
    }

    [Theory]
    [InlineData("3985758", 3985758)]
    [InlineData("3,985,758", 3985758)]
    [InlineData("3，985，758", 3985758)]
    [InlineData("１２３", 123)]
    [InlineData(" 1 2 ", 12)]
    [InlineData("007", 7)]
    [InlineData("12件", 12)]
    public void Non_negative_integers_read_with_separators_full_width_digits_and_stray_spaces(string text, long expected)
    {
        Assert.Equal(expected, CellValueParser.Parse(text, CellValueKind.NonNegativeInteger).Value);
    }

    [Theory]
    [InlineData("22.624", CellValueKind.NonNegativeInteger, 22624)]
    [InlineData("3.985.758", CellValueKind.NonNegativeInteger, 3985758)]
    [InlineData("-1.234", CellValueKind.SignedInteger, -1234)]
    public void Thousands_separators_a_blurred_scan_turned_into_points_read_in_whole_number_columns_as_plausible(string text, CellValueKind kind, long expected)
    {
        // The engine reads a blurred comma as a point (fresh80 0030: 22,624 read as 22.628, and 22.624 among the choices, all
        // unparseable in a column of whole numbers, so the truth was no candidate).
        var parsed = CellValueParser.Parse(text, kind);
        Assert.True(parsed.Value == expected && parsed.Lenient, $"'{text}' read as {parsed.Value} (lenient {parsed.Lenient})");
    }

    [Theory]
    [InlineData("无，")]
    [InlineData("-无")]
    [InlineData(".无")]
    [InlineData("无.")]
    public void A_none_read_with_a_speck_beside_it_is_a_plausible_printed_zero(string text)
    {
        // fresh80 0006 prints its zeros as 无; the Chinese model read two of them with a speck of the scan as "-无" and "无，",
        // unparseable, so their truth was no candidate.
        var parsed = CellValueParser.Parse(text, CellValueKind.NonNegativeInteger);
        Assert.True(parsed.Value == 0 && parsed.Form == ParsedValueForm.ZeroMark && parsed.Lenient,
            $"'{text}' read as {parsed.Value} ({parsed.Form}, lenient {parsed.Lenient})");
    }

    [Theory]
    [InlineData("1无")]
    [InlineData("无无")]
    [InlineData("无-无")]
    public void A_none_beside_digits_or_another_none_is_not_a_value(string text)
    {
        var parsed = CellValueParser.Parse(text, CellValueKind.NonNegativeInteger);
        Assert.True(parsed.Value is null, $"'{text}' read as {parsed.Value} ({parsed.Form})");
    }

    [Theory]
    [InlineData("96171.6", "96171.6")]
    [InlineData("1,234.5678", "1234.5678")]
    [InlineData("０．５", "0.5")]
    [InlineData("12", "12")]
    public void Decimals_read_in_money_columns(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CellValueParser.Parse(text, CellValueKind.Decimal, 4).Value);
    }

    [Theory]
    [InlineData("+3", 3)]
    [InlineData("-2", -2)]
    [InlineData("－2", -2)]
    [InlineData("−2", -2)]
    [InlineData("-", 0)]
    [InlineData("5", 5)]
    public void Signed_integers_read_their_sign_and_a_lone_dash_is_zero(string text, long expected)
    {
        Assert.Equal(expected, CellValueParser.Parse(text, CellValueKind.SignedInteger).Value);
    }

    [Theory]
    [InlineData("-2", CellValueKind.NonNegativeInteger)]
    [InlineData("+3", CellValueKind.NonNegativeInteger)]
    [InlineData("-2.5", CellValueKind.Decimal)]
    [InlineData("1.5", CellValueKind.NonNegativeInteger)]
    [InlineData("1,23", CellValueKind.NonNegativeInteger)]
    [InlineData("1.2345", CellValueKind.NonNegativeInteger)]
    [InlineData("12.34.567", CellValueKind.NonNegativeInteger)]
    [InlineData("12,3456", CellValueKind.NonNegativeInteger)]
    [InlineData("1.23456", CellValueKind.Decimal)]
    [InlineData("abc", CellValueKind.NonNegativeInteger)]
    [InlineData("No", CellValueKind.NonNegativeInteger)]
    [InlineData("1?", CellValueKind.NonNegativeInteger)]
    [InlineData("一", CellValueKind.NonNegativeInteger)]
    [InlineData("3%", CellValueKind.NonNegativeInteger)]
    [InlineData("+", CellValueKind.SignedInteger)]
    [InlineData(".", CellValueKind.Decimal)]
    [InlineData("1.", CellValueKind.Decimal)]
    public void Garbage_negatives_outside_signed_columns_and_misplaced_separators_are_unparseable(string text, CellValueKind kind)
    {
        var parsed = CellValueParser.Parse(text, kind, 4);

        Assert.True(parsed.Form == ParsedValueForm.Unparseable && parsed.Value is null, $"'{text}' read as {parsed.Value} ({parsed.Form})");
        Assert.Equal(text, parsed.Text);
        Assert.False(CellValueParser.TryParse(text, kind, out _, 4));
    }

    [Theory]
    [InlineData("O", 0)]
    [InlineData("1O", 10)]
    public void A_latin_O_among_digits_reads_as_zero_but_only_leniently(string text, long expected)
    {
        var parsed = CellValueParser.Parse(text, CellValueKind.NonNegativeInteger);

        Assert.Equal(expected, parsed.Value);
        Assert.True(parsed.Lenient);
    }

    [Fact]
    public void The_digits_of_a_reading_ignore_separators_and_signs()
    {
        Assert.Equal("3985758", CellValueParser.Parse("3,985,758", CellValueKind.NonNegativeInteger).Digits);
        Assert.Equal("", CellValueParser.Parse("—", CellValueKind.NonNegativeInteger).Digits);
    }
}
