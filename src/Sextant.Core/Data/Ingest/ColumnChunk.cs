using System.Globalization;
using System.Text;

namespace Sextant.Data.Ingest;

/// <summary>
/// One column of a chunk of CSV records being typed: each field goes from its UTF-8 bytes straight into the
/// column's array (numbers as double, dates as <see cref="DateTime"/>, text as strings shared by equal values), or
/// into a vote on the column's type. No row objects, no string per number.
/// </summary>
internal abstract class ColumnChunk
{
    private const int MaxPooledStrings = 1 << 16;

    protected ColumnChunk(int capacity) => Capacity = capacity;

    protected int Capacity { get; }

    public static ColumnChunk Numeric(int capacity) => new NumericChunk(capacity);

    public static ColumnChunk Date(int capacity, string[] formats) => new DateChunk(capacity, formats);

    /// <summary>A text column; <paramref name="formats"/> not null means the type was guessed from missing values only.</summary>
    public static ColumnChunk Text(int capacity, string[]? formats) => new TextChunk(capacity, formats);

    public static ColumnChunk Vote(string[] formats) => new VoteChunk(formats);

    /// <summary>Adds a value; <see langword="false"/> when it does not fit the column's type (nothing is added then).</summary>
    public abstract bool TryAdd(int row, ReadOnlySpan<byte> utf8);

    public abstract void AddMissing(int row);

    /// <summary>The first <paramref name="count"/> values as a column; the chunk starts a new array.</summary>
    public abstract Column Take(string name, int count);

    /// <summary>The first <paramref name="count"/> values of <paramref name="values"/>, which starts anew.</summary>
    protected T[] Cut<T>(ref T[] values, int count)
    {
        var taken = values;
        Array.Resize(ref taken, count);
        values = new T[Capacity];
        return taken;
    }

    /// <summary>Parses a number the way every Sextant reader does: invariant culture, '.' decimals, finite.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> utf8, out double value) =>
        double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseDate(ReadOnlySpan<byte> utf8, string[] formats, out DateTime value)
    {
        value = default;
        if (formats.Length == 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[256];
        if (utf8.Length > chars.Length)
        {
            return DateTime.TryParseExact(Encoding.UTF8.GetString(utf8), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
        }

        var length = Encoding.UTF8.GetChars(utf8, chars);
        return DateTime.TryParseExact(chars[..length], formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>The type inferred from the votes: numeric, else date, else text (also when every value is missing).</summary>
    public ColumnType Inferred => this is VoteChunk vote ? vote.Type : throw new InvalidOperationException("Only a vote infers a type.");

    /// <summary>Whether a vote saw no value at all.</summary>
    public bool SawNoValue => this is VoteChunk { Any: false };

    private sealed class NumericChunk(int capacity) : ColumnChunk(capacity)
    {
        private double[] _values = new double[capacity];

        public override bool TryAdd(int row, ReadOnlySpan<byte> utf8)
        {
            if (!TryParseNumber(utf8, out var v))
            {
                return false;
            }

            _values[row] = v;
            return true;
        }

        public override void AddMissing(int row) => _values[row] = double.NaN;

        public override Column Take(string name, int count) => new NumericColumn(name, Cut(ref _values, count));
    }

    private sealed class DateChunk(int capacity, string[] formats) : ColumnChunk(capacity)
    {
        private DateTime?[] _values = new DateTime?[capacity];

        public override bool TryAdd(int row, ReadOnlySpan<byte> utf8)
        {
            if (!TryParseDate(utf8, formats, out var d))
            {
                return false;
            }

            _values[row] = d;
            return true;
        }

        public override void AddMissing(int row) => _values[row] = null;

        public override Column Take(string name, int count) => new DateColumn(name, Cut(ref _values, count));
    }

    private sealed class TextChunk(int capacity, string[]? guessedFromMissing) : ColumnChunk(capacity)
    {
        // Equal values share one string across chunks, up to a bound (a column of ids would otherwise keep every value alive).
        private readonly HashSet<string> _pool = new(StringComparer.Ordinal);
        private string?[] _values = new string?[capacity];
        private char[] _chars = new char[256];
        private string[]? _guessedFromMissing = guessedFromMissing;

        public override bool TryAdd(int row, ReadOnlySpan<byte> utf8)
        {
            if (_guessedFromMissing is { } formats)
            {
                // The column looked empty when its type was chosen: a number or a date here means it is not text after all.
                if (TryParseNumber(utf8, out _) || TryParseDate(utf8, formats, out _))
                {
                    return false;
                }

                _guessedFromMissing = null;
            }

            if (_chars.Length < utf8.Length)
            {
                _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
            }

            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
            var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(chars, out var value))
            {
                value = new string(chars);
                if (_pool.Count < MaxPooledStrings)
                {
                    _pool.Add(value);
                }
            }

            _values[row] = value;
            return true;
        }

        public override void AddMissing(int row) => _values[row] = null;

        public override Column Take(string name, int count) => new TextColumn(name, Cut(ref _values, count));
    }

    private sealed class VoteChunk(string[] formats) : ColumnChunk(0)
    {
        private bool _numeric = true;
        private bool _date = formats.Length > 0;

        public bool Any { get; private set; }

        public ColumnType Type => !Any ? ColumnType.Text : _numeric ? ColumnType.Numeric : _date ? ColumnType.Date : ColumnType.Text;

        public override bool TryAdd(int row, ReadOnlySpan<byte> utf8)
        {
            Any = true;
            _numeric = _numeric && TryParseNumber(utf8, out _);
            _date = _date && TryParseDate(utf8, formats, out _);
            return true;
        }

        public override void AddMissing(int row)
        {
        }

        public override Column Take(string name, int count) => throw new InvalidOperationException("A vote holds no values.");
    }
}
