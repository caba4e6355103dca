namespace EnterpriseMcp.Conformance.Server.Fixture;

/// <summary>The smallest payloads clients still accept as real media.</summary>
internal static class FixtureMedia
{
    /// <summary>A 1x1 red pixel.</summary>
    public static readonly byte[] RedPixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>One millisecond of 8 kHz, 16-bit mono silence.</summary>
    public static readonly byte[] SilenceWav = Convert.FromBase64String(
        "UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA");
}
