namespace MlOps.Gates.Evaluation;

/// <summary>
/// An array filled row by row, sized up front from the file's line count so that handing it over at the end is
/// usually free: the exact array, not a copy of a list.
/// </summary>
internal sealed class GrowableArray<T>(int capacity)
{
    private T[] _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public T this[int index] => _items[index];

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    /// <summary>The values as an array of exactly <see cref="Count"/> items; the buffer itself when it is full.</summary>
    public T[] ToArray()
    {
        if (_items.Length != Count)
        {
            Array.Resize(ref _items, Count);
        }

        return _items;
    }
}
