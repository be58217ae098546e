using System.Collections;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// One field of every packed node as a read-only list: the model's serialised node arrays are views of the nodes it
/// predicts with, so a fully grown forest is held once, not twice.
/// </summary>
internal sealed class NodeColumn<T>(FlatTreeNode[] nodes, Func<FlatTreeNode, T> field) : IReadOnlyList<T>
{
    public int Count => nodes.Length;

    public T this[int index] => field(nodes[index]);

    public IEnumerator<T> GetEnumerator()
    {
        foreach (FlatTreeNode node in nodes)
        {
            yield return field(node);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
