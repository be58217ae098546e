namespace Sextant.Scoring;

/// <summary>How far a batch scoring run is: input bytes read of the total, and rows so far.</summary>
public readonly record struct BatchScoreProgress(long BytesRead, long TotalBytes, long RowsRead, long RowsScored, long RowsRefused);
