using System.Text;

namespace Sextant.Data.Ingest;

/// <summary>The encoding a file was read with, and why.</summary>
/// <param name="Encoding">The encoding.</param>
/// <param name="Name">Its web name, e.g. <c>utf-8</c>, <c>ibm850</c>.</param>
/// <param name="PreambleLength">Bytes of byte-order mark skipped.</param>
/// <param name="Reason">How it was chosen, for the ingest report.</param>
public sealed record DetectedEncoding(Encoding Encoding, string Name, int PreambleLength, string Reason);
