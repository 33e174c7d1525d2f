using System.Buffers;

namespace LeadSync.Core.Buffers;

/// <summary>
/// A growing byte buffer rented from the shared array pool, written through <see cref="IBufferWriter{T}"/> and given back
/// by <see cref="Dispose"/>. For bodies of hundreds of kilobytes made once per page or batch (a Zoho answer LeadSync
/// reads, a JSON answer the sandbox writes): a new array of that size is a large-object-heap allocation each time, and
/// those made a pull of wide pages run full garbage collections (decision 0006). One never disposed is only garbage.
/// </summary>
public sealed class PooledByteWriter : IBufferWriter<byte>, IDisposable
{
    private byte[]? buffer;
    private int written;

    /// <summary>A buffer of at least <paramref name="initialCapacity"/> bytes (at least 4 KB).</summary>
    public PooledByteWriter(int initialCapacity = 4096) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 4096));

    /// <summary>The bytes written so far; valid until the buffer grows or is disposed.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buffer.Length - written);
        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(written);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(written);

    public void Dispose()
    {
        if (buffer is { } rented)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(PooledByteWriter));

    /// <summary>The buffer, grown (at least doubled) when fewer than <paramref name="sizeHint"/> bytes (at least one) are free.</summary>
    private byte[] Ensure(int sizeHint)
    {
        var current = Buffer;
        var needed = written + Math.Max(sizeHint, 1);
        if (needed <= current.Length)
        {
            return current;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, current.Length * 2));
        current.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(current);
        buffer = larger;
        return larger;
    }
}
