using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LeadSync.Core.Data;

/// <summary>
/// A JSON column's text written with a <see cref="Utf8JsonWriter"/> and read with a <see cref="Utf8JsonReader"/> over
/// a pooled UTF-8 buffer — the way every lead's JSON columns (extra values, agreed snapshot) pass to and from their
/// strings, without a document or a new byte array per lead.
/// </summary>
internal static class JsonColumnText
{
    /// <summary>Reads a value from the reader, placed on the text's first token.</summary>
    public delegate TValue Reader<in TState, out TValue>(ref Utf8JsonReader reader, TState state);

    /// <summary>The text <paramref name="write"/> writes (about <paramref name="capacity"/> bytes).</summary>
    public static string Write<TState>(int capacity, TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What <paramref name="read"/> reads from <paramref name="json"/>, its UTF-8 form in a pooled buffer.</summary>
    public static TValue Read<TState, TValue>(string json, TState state, Reader<TState, TValue> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(read);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(json, rented)));
            reader.Read();
            return read(ref reader, state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
