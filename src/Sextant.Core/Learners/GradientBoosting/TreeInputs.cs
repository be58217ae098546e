using System.Globalization;

namespace Sextant.Learners.GradientBoosting;

/// <summary>The input checks every tree learner (boosting, forests) makes before binning.</summary>
internal static class TreeInputs
{
    /// <summary>Checks shapes and targets; <paramref name="binaryLabelsNeededBy"/> names what needs 0/1 labels (null: any finite target).</summary>
    /// <exception cref="ArgumentException">A shape does not match or a target is invalid; the message names the row.</exception>
    public static void Validate(ReadOnlySpan<double> features, int rows, int columns, ReadOnlySpan<double> target, string? binaryLabelsNeededBy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != features.Length)
        {
            throw new ArgumentException(
                Format($"features has {features.Length} values but rows x columns = {rows} x {columns} = {(long)rows * columns}; features must be row-major rows x columns."),
                nameof(features));
        }

        if (target.Length != rows)
        {
            throw new ArgumentException(Format($"target has {target.Length} values but there are {rows} rows."), nameof(target));
        }

        for (int i = 0; i < rows; i++)
        {
            double t = target[i];
            if (!double.IsFinite(t))
            {
                throw new ArgumentException(Format($"target contains {t} at row {i} (zero-based); every value must be finite."), nameof(target));
            }

            if (binaryLabelsNeededBy is not null && t != 0 && t != 1)
            {
                throw new ArgumentException(Format($"target contains {t} at row {i} (zero-based); {binaryLabelsNeededBy} needs labels 0 or 1."), nameof(target));
            }
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
