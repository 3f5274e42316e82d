namespace Gazette.Features.Spam;

/// <summary>The model's input row. Public only because ML.NET binds to it by reflection.</summary>
public sealed class SpamInput
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }

    internal static SpamInput From(string text, bool isSpam = false) => new() { Text = text ?? "", Label = isSpam };
}

/// <summary>The model's output row. Public only because ML.NET binds to it by reflection.</summary>
public sealed class SpamOutput
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }
}
