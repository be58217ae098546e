using Sextant.Learners.GradientBoosting;

namespace Sextant.Export.Onnx;

/// <summary>
/// Writes a <see cref="FlatTreeEnsemble"/> as one ONNX-ML <c>TreeEnsembleRegressor</c> (opset 3) with double thresholds,
/// leaf weights and base value (<c>_as_tensor</c>), so that every split compares doubles exactly as Sextant does and the
/// sum is taken in double; ONNX-ML opset 3 defines the output as float32, the one rounding of the exported trees.
/// </summary>
internal static class OnnxTrees
{
    /// <summary>
    /// Adds the ensemble and returns its float output [N, 1]. A numeric node is <c>BRANCH_LEQ</c> (at most the threshold
    /// goes left, NaN follows the learned direction). A native categorical split becomes a chain of <c>BRANCH_EQ</c> nodes
    /// over the smaller of the level codes going left or right, each pointing at the same child (the form ONNX Runtime
    /// accepts for LightGBM's category sets); codes the split never saw follow its missing-value direction as in
    /// <see cref="FlatTreeEnsemble.Next"/>.
    /// </summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="features">The encoded feature matrix [N, columns], double.</param>
    /// <param name="trees">The trees.</param>
    /// <param name="average">Average the trees (a forest) rather than sum them (boosting).</param>
    /// <param name="baseScore">Added to the sum (boosting's starting score).</param>
    /// <param name="levelCounts">Per encoded column: the number of level codes of a categorical column, 0 for a numeric one.</param>
    public static string Add(OnnxGraph graph, string features, FlatTreeEnsemble trees, bool average, double baseScore, IReadOnlyList<int> levelCounts)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var values = new List<double>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var missingTrue = new List<long>();
        var leafTree = new List<long>();
        var leafNode = new List<long>();
        var leafWeights = new List<double>();
        var nodes = trees.Nodes;
        var sets = trees.CategorySets;
        for (var t = 0; t < trees.TreeOffsets.Length; t++)
        {
            var begin = trees.TreeOffsets[t];
            var end = t + 1 < trees.TreeOffsets.Length ? trees.TreeOffsets[t + 1] : nodes.Length;
            long extra = end - begin;
            for (var i = begin; i < end; i++)
            {
                var node = nodes[i];
                long id = i - begin;
                if (node.Feature < 0)
                {
                    Add(id, 0, "LEAF", 0, 0, 0, false);
                    leafTree.Add(t);
                    leafNode.Add(id);
                    leafWeights.Add(node.Value);
                    continue;
                }

                long left = node.Left - begin, right = node.Right - begin;
                if (node.CategorySet == 0)
                {
                    Add(id, node.Feature, "BRANCH_LEQ", node.Threshold, left, right, node.Missing == node.Left);
                    continue;
                }

                var levels = levelCounts[node.Feature];
                var goLeft = new List<int>();
                var goRight = new List<int>();
                for (var code = 0; code < levels; code++)
                {
                    (FlatTreeEnsemble.Next(node, code, sets) == node.Left ? goLeft : goRight).Add(code);
                }

                var chainLeft = goRight.Count == 0 || (goLeft.Count > 0 && goLeft.Count <= goRight.Count);
                var chain = chainLeft ? goLeft : goRight;
                long target = chainLeft ? left : right, other = chainLeft ? right : left;
                var missingToTarget = node.Missing == (chainLeft ? node.Left : node.Right);
                for (var k = 0; k < chain.Count; k++)
                {
                    var current = k == 0 ? id : extra++;
                    var next = k == chain.Count - 1 ? other : extra;
                    Add(current, node.Feature, "BRANCH_EQ", chain[k], target, next, k == 0 && missingToTarget);
                }
            }

            void Add(long id, long feature, string mode, double value, long whenTrue, long whenFalse, bool missing)
            {
                treeIds.Add(t);
                nodeIds.Add(id);
                featureIds.Add(feature);
                modes.Add(mode);
                values.Add(value);
                trueIds.Add(whenTrue);
                falseIds.Add(whenFalse);
                missingTrue.Add(missing ? 1 : 0);
            }
        }

        return graph.Node("TreeEnsembleRegressor", [features], node =>
        {
            OnnxGraph.Attribute(node, "n_targets", 1L);
            OnnxGraph.Attribute(node, "aggregate_function", average ? "AVERAGE" : "SUM");
            OnnxGraph.Attribute(node, "post_transform", "NONE");
            OnnxGraph.Attribute(node, "nodes_treeids", treeIds);
            OnnxGraph.Attribute(node, "nodes_nodeids", nodeIds);
            OnnxGraph.Attribute(node, "nodes_featureids", featureIds);
            OnnxGraph.Attribute(node, "nodes_modes", modes);
            OnnxGraph.DoubleTensorAttribute(node, "nodes_values_as_tensor", values);
            OnnxGraph.Attribute(node, "nodes_truenodeids", trueIds);
            OnnxGraph.Attribute(node, "nodes_falsenodeids", falseIds);
            OnnxGraph.Attribute(node, "nodes_missing_value_tracks_true", missingTrue);
            OnnxGraph.Attribute(node, "target_treeids", leafTree);
            OnnxGraph.Attribute(node, "target_nodeids", leafNode);
            OnnxGraph.Attribute(node, "target_ids", leafTree.Select(_ => 0L));
            OnnxGraph.DoubleTensorAttribute(node, "target_weights_as_tensor", leafWeights);
            if (baseScore != 0)
            {
                OnnxGraph.DoubleTensorAttribute(node, "base_values_as_tensor", [baseScore]);
            }
        }, OnnxGraph.MlDomain);
    }
}
