using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The body of a record write (§2.4–§2.6) — <c>{"data":[…],"duplicate_check_fields":[…],"trigger":[]}</c> — written
/// straight to UTF-8 bytes with one <see cref="Utf8JsonWriter"/>. A push sends up to 100 leads with every mapped
/// extra field each; a JSON node per value, then a string, then that string encoded again for the request cost more
/// than the values themselves (issue 18's push benchmark with 20 extra fields).
/// </summary>
internal static class ZohoWriteBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>The body as UTF-8 JSON: the leads (with the id for updates), the duplicate-check fields, the trigger.</summary>
    public static ReadOnlyMemory<byte> Write(IReadOnlyList<ZohoLead> leads, bool withId, IReadOnlyList<string>? duplicateCheckFields, bool workflowTrigger)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (leads.Count * 512));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data"u8);
            foreach (var lead in leads)
            {
                WriteLead(writer, lead, withId);
            }

            writer.WriteEndArray();
            if (duplicateCheckFields is not null)
            {
                writer.WriteStartArray("duplicate_check_fields"u8);
                foreach (var field in duplicateCheckFields)
                {
                    writer.WriteStringValue(field);
                }

                writer.WriteEndArray();
            }

            if (!workflowTrigger)
            {
                // §2.4, §7.11: omitted means every workflow runs; [] runs none.
                writer.WriteStartArray("trigger"u8);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The request content of a body: sent as it is, built afresh for each attempt.</summary>
    public static HttpContent Content(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>
    /// A lead as written: every business field (null clears it in Zoho) or only those it names (§2.5), the id for
    /// updates, then its extra values — all of them, or only those named (a named field without a value: null).
    /// </summary>
    public static void WriteLead(Utf8JsonWriter writer, ZohoLead lead, bool withId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lead);
        writer.WriteStartObject();
        if (withId)
        {
            writer.WriteString("id"u8, lead.Id);
        }

        Put(writer, lead, "First_Name", lead.FirstName);
        Put(writer, lead, "Last_Name", lead.LastName);
        Put(writer, lead, "Email", lead.Email);
        Put(writer, lead, "Phone", lead.Phone);
        Put(writer, lead, "Lead_Status", lead.LeadStatus);
        Put(writer, lead, "Company", lead.Company);
        if (lead.OnlyFields is null)
        {
            foreach (var (name, value) in lead.Extra.Span)
            {
                WriteExtra(writer, name, value);
            }
        }
        else
        {
            foreach (var name in lead.OnlyFields)
            {
                WriteExtra(writer, name, lead.Extra.Get(name));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>An extra field's value (a name the record has its own property for is written by <see cref="Put"/>, never here).</summary>
    private static void WriteExtra(Utf8JsonWriter writer, string name, FieldValue? value)
    {
        if (!ZohoJson.KnownNames.Contains(name))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
    }

    private static void Put(Utf8JsonWriter writer, ZohoLead lead, string apiName, string? value)
    {
        if (lead.Sends(apiName))
        {
            writer.WriteString(apiName, value);
        }
    }

    /// <summary>A value as Zoho takes it (<see cref="FieldValue.ToJson"/>'s shape: whole numbers without a fraction); null for none.</summary>
    private static void WriteValue(Utf8JsonWriter writer, FieldValue? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (value.AsLong is { } whole)
        {
            writer.WriteNumberValue(whole);
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
