using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sextant.Projects;

/// <summary>
/// Binds a YAML node tree to option records (snake_case keys to PascalCase properties) and collects
/// every unknown key and wrong type with its line, instead of stopping at the first.
/// </summary>
internal sealed class YamlBinder
{
    private readonly List<ConfigProblem> _problems = [];
    private readonly Dictionary<object, Mark> _marks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, Mark> _keyMarks = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Where each bound object, list or mapping started in the file, for later semantic checks.</summary>
    public Mark? MarkOf(object bound) => _marks.TryGetValue(bound, out var m) ? m : null;

    /// <summary>Where the key of a mapping entry whose value was bound to this object is, e.g. a stage's name.</summary>
    public Mark? KeyMarkOf(object bound) => _keyMarks.TryGetValue(bound, out var m) ? m : null;

    public void Report(Mark mark, string message) => _problems.Add(new ConfigProblem((int)mark.Line, (int)mark.Column, message));

    public T Bind<T>(YamlNode node, string path)
        where T : new() => (T)Bind(node, typeof(T), path)!;

    private object? Bind(YamlNode node, Type type, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return IsNull(node) ? null : Bind(node, underlying, path);
        }

        if (type == typeof(string))
        {
            return Scalar(node, path, "text", s => s);
        }

        if (type == typeof(bool))
        {
            return Scalar(node, path, "true or false", s => s.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => (object?)null,
            }) ?? false;
        }

        if (type == typeof(int))
        {
            return Scalar(node, path, "a whole number", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null) ?? 0;
        }

        if (type == typeof(double))
        {
            return Scalar(node, path, "a number", s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null) ?? 0.0;
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(ToSnake).ToArray();
            return Scalar(node, path, "one of " + string.Join(", ", names), s =>
            {
                var i = Array.FindIndex(names, n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
                return i >= 0 ? Enum.GetValues(type).GetValue(i) : null;
            }) ?? Activator.CreateInstance(type);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return BindList(node, type.GetGenericArguments()[0], path);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return BindDictionary(node, type.GetGenericArguments()[1], path);
        }

        return BindObject(node, type, path);
    }

    private object? Scalar(YamlNode node, string path, string expected, Func<string, object?> parse)
    {
        if (node is YamlScalarNode scalar)
        {
            var value = parse(scalar.Value ?? "");
            if (value is null)
            {
                Report(node.Start, $"'{path}' must be {expected}; found '{scalar.Value}'.");
            }

            return value;
        }

        Report(node.Start, $"'{path}' must be {expected}; found a {Describe(node)}.");
        return null;
    }

    private object BindList(YamlNode node, Type element, string path)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        _marks[list] = node.Start;
        if (IsNull(node))
        {
            return list;
        }

        if (node is YamlSequenceNode sequence)
        {
            var i = 0;
            foreach (var child in sequence.Children)
            {
                list.Add(Bind(child, element, $"{path}[{i++}]"));
            }
        }
        else if (node is YamlScalarNode && element == typeof(string))
        {
            // A single value where a list is expected is accepted as a list of one.
            list.Add(Bind(node, element, path));
        }
        else
        {
            Report(node.Start, $"'{path}' must be a list; found a {Describe(node)}.");
        }

        return list;
    }

    private object BindDictionary(YamlNode node, Type valueType, string path)
    {
        var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        _marks[dict] = node.Start;
        if (IsNull(node))
        {
            return dict;
        }

        if (node is not YamlMappingNode mapping)
        {
            Report(node.Start, $"'{path}' must be a mapping of names to values; found a {Describe(node)}.");
            return dict;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var bound = Bind(value, valueType, $"{path}.{name}");
            if (bound is not null && !valueType.IsValueType && valueType != typeof(string))
            {
                _keyMarks[bound] = key.Start;
            }

            dict[name] = bound;
        }

        return dict;
    }

    private object? BindObject(YamlNode node, Type type, string path)
    {
        var instance = Activator.CreateInstance(type)!;
        _marks[instance] = node.Start;
        if (IsNull(node))
        {
            return instance;
        }

        if (node is not YamlMappingNode mapping)
        {
            Report(node.Start, $"'{path}' must be a mapping; found a {Describe(node)}.");
            return instance;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => ToSnake(p.Name), StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!properties.TryGetValue(name, out var property))
            {
                var known = string.Join(", ", properties.Keys.Order(StringComparer.Ordinal));
                Report(key.Start, $"unknown key '{childPath}'. Known keys here: {known}.");
                continue;
            }

            var problemsBefore = _problems.Count;
            var bound = Bind(value, property.PropertyType, childPath);
            // A value that failed to bind keeps the property's default, so it is reported once, not again by later checks.
            if (value is not YamlScalarNode || _problems.Count == problemsBefore)
            {
                property.SetValue(instance, bound);
            }
        }

        return instance;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };

    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
