using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class ReadGridTests
{
    [Theory]
    [InlineData("无")]
    [InlineData("23,918")]
    [InlineData("|0|")]
    [InlineData("0Q")] // zeros as the Chinese model reads them
    [InlineData("—")]
    [InlineData("/")]
    [InlineData("96171.6")]
    public void Takes_text_the_reader_gave_a_label_cell_for_a_number_when_it_reads_as_one(string text) =>
        Assert.True(ReadGrid.ReadsAsNumber(text), $"'{text}' should read as a number");

    [Theory]
    [InlineData("")]
    [InlineData("行政许可")]
    [InlineData("3.其他")]
    [InlineData("区静")] // a garbled number: text, though no label either
    [InlineData("第二十条第（一）项")]
    public void Keeps_label_text_and_garble_as_text(string text) =>
        Assert.False(ReadGrid.ReadsAsNumber(text), $"'{text}' should not read as a number");
}
