namespace Sextant.Registry;

/// <summary>One criterion of a promotion gate and how the candidate fared, with the numbers behind it.</summary>
public sealed record GateCriterion(string Name, bool Passed, string Detail, double? Candidate = null, double? Champion = null, double? Threshold = null);
