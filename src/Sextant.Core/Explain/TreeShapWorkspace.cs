namespace Sextant.Explain;

/// <summary>
/// Scratch memory for <see cref="TreeShap"/>: the feature paths of one walk down a tree. Reuse one per thread so that
/// explaining a row allocates nothing; it grows once to fit the deepest model it meets. Not thread-safe.
/// </summary>
public sealed class TreeShapWorkspace
{
    private PathElement[] _path = [];
    private double[] _reciprocals = [];

    /// <summary>Gets a path buffer large enough for trees of the given depth.</summary>
    internal PathElement[] PathFor(int maxDepth)
    {
        // A walk to depth d keeps at most d + 2 elements per level on levels 0..d.
        int needed = (maxDepth + 2) * (maxDepth + 3) / 2;
        if (_path.Length < needed)
        {
            _path = new PathElement[needed];
        }

        return _path;
    }

    /// <summary>Gets <c>1 / k</c> at index <c>k</c> for every k a path of trees of the given depth needs (index 0 unused).</summary>
    internal double[] ReciprocalsFor(int maxDepth)
    {
        int needed = maxDepth + 2;
        if (_reciprocals.Length < needed)
        {
            _reciprocals = new double[needed];
            for (int k = 1; k < needed; k++)
            {
                _reciprocals[k] = 1.0 / k;
            }
        }

        return _reciprocals;
    }
}
