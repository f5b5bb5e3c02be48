namespace TableRecovery.Corpus;

/// <summary>Small helpers over a seeded <see cref="Random"/>; every choice of the generator goes through one.</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            if (x < weight)
            {
                return item;
            }
            x -= weight;
        }
        return items[^1].Item;
    }

    public static double Uniform(this Random random, double low, double high) => low + random.NextDouble() * (high - low);

    /// <summary>An integer in [low, high], log-uniformly distributed (so small values are as likely as big ones per decade).</summary>
    public static long LogUniform(this Random random, long low, long high)
    {
        var l = Math.Log(Math.Max(1, low));
        var h = Math.Log(Math.Max(1, high) + 1);
        return Math.Clamp((long)Math.Exp(random.Uniform(l, h)), low, high);
    }
}

/// <summary>Derives independent, reproducible seeds (SplitMix64) so one aspect of an image never shifts another.</summary>
internal static class Seeds
{
    public static int Derive(long seed, long stream)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    public static Random Stream(long seed, long stream) => new(Derive(seed, stream));
}
