using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MlOps.Gates.Config;

/// <summary>
/// Passes a YAML parser's events through while keeping a budget: how many nodes the aliases would add if expanded,
/// and how deep collections nest. A few hundred bytes of nested anchors can stand for billions of nodes, and deep
/// nesting for a stack overflow; either is refused at the alias or collection that crosses the line, before any
/// of it is walked.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    /// <summary>Nodes that aliases may add in all; a real gates file or suite uses a handful.</summary>
    public const long AliasBudget = 100_000;

    public const int MaxDepth = 64;

    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long Start, Mark At)> _open = new();
    private long _nodes;
    private long _aliasNodes;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the parser last was: the start of the latest event, for errors the parser itself gives no place for.</summary>
    public Mark LastMark { get; private set; } = Mark.Empty;

    /// <summary>Where the innermost collection still open began, or the last event when none is open.</summary>
    public Mark OpenedAt => _open.Count > 0 ? _open.Peek().At : LastMark;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        LastMark = current.Start;
        switch (current)
        {
            case AnchorAlias alias:
                var size = _anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                _nodes += size;
                _aliasNodes += size;
                if (_aliasNodes > AliasBudget)
                {
                    throw new YamlException(alias.Start, alias.End, $"aliases here would expand to more than {AliasBudget:N0} nodes; write the values out or use fewer nested aliases");
                }

                break;
            case Scalar scalar:
                _nodes++;
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor.Value] = 1;
                }

                break;
            case NodeEvent node when node is SequenceStart or MappingStart:
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlException(node.Start, node.End, $"collections nest more than {MaxDepth} levels deep");
                }

                _open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, _nodes, node.Start));
                _nodes++;
                break;
            case SequenceEnd or MappingEnd:
                var (anchor, start, _) = _open.Pop();
                if (anchor is not null)
                {
                    _anchorSizes[anchor] = _nodes - start;
                }

                break;
        }

        return true;
    }

    public void Reset() => throw new NotSupportedException();
}
