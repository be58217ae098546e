namespace Sextant.Monitoring.Window;

/// <summary>Receives the parts of a <see cref="PredictionBlock"/> as slices of its bytes, in layout order.</summary>
internal interface IBlockVisitor
{
    void Times(ReadOnlySpan<long> utcTicks);

    void Predictions(ReadOnlySpan<double> values);

    void Numbers(string name, ReadOnlySpan<double> values);

    void Labels(string name, string[] labels, ReadOnlySpan<int> codes);
}
