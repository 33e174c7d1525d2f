using System.Text.Json;
using LeadSync.Core.Data.Configurations;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// The lead's extra values and its agreed snapshot are read straight from JSON (no document per lead): they must read
/// exactly what the document-based readers read — unsorted and repeated names, Zoho's lookup objects, arrays with
/// other items, letter case of the snapshot's names — and a snapshot stored by the reflection serializer reads the same.
/// </summary>
public sealed class LeadValuesJsonReadingTests
{
    private static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web) { Converters = { new LeadFieldsJsonConverter() } };

    private static readonly JsonSerializerOptions ReflectionOptions = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Unsorted_and_repeated_names_read_as_the_last_value_of_each_and_none_are_dropped()
    {
        var values = LeadFieldValuesJsonConverter.Deserialize("""{"Zeta":"z","Alpha":"a","Mid":1,"Alpha":"b","Gone":null,"Blank":""}""");

        Assert.Equal(["Alpha", "Mid", "Zeta"], values.Names);
        Assert.Equal(FieldValue.Text("b"), values.Get("Alpha"));
        Assert.Equal(FieldValue.Number(1), values.Get("Mid"));
    }

    [Fact]
    public void Every_json_shape_reads_as_the_document_reader_reads_it()
    {
        const string json = """{"Owner":{"id":"1","name":"Grace"},"Tags":["A",1,{"x":[2]},"B"],"Empty":[],"Flag":false,"Big":12345678901234567890123,"Nested":{"id":"2"}}""";
        using var document = JsonDocument.Parse(json);
        var expected = LeadFieldValues.From(document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, FieldValue?>(p.Name, FieldValue.FromJson(p.Value))));

        var read = LeadFieldValuesJsonConverter.Deserialize(json);

        Assert.Equal(expected, read);
        Assert.Equal(FieldValue.Text("Grace"), read.Get("Owner"));
        Assert.Equal(FieldValue.List(["A", "B"]), read.Get("Tags"));
        Assert.Null(read.Get("Empty"));
        Assert.Null(read.Get("Nested"));
    }

    [Fact]
    public void A_snapshot_stored_by_the_reflection_serializer_reads_the_same_and_is_written_in_its_shape()
    {
        var fields = new LeadFields("Ada", "Lovelace", "ada@example.com", null, "Contacted", "Analytical & Co <1>")
        {
            Extra = LeadFieldValues.Empty.With("Seats__c", FieldValue.Number(7)).With("Region__c", FieldValue.Text("EMEA +1")),
        };
        var stored = JsonSerializer.Serialize(fields, ReflectionOptions);

        Assert.Equal(fields, JsonSerializer.Deserialize<LeadFields>(stored, SnapshotOptions));
        Assert.Equal(stored, JsonSerializer.Serialize(fields, SnapshotOptions));
    }

    [Fact]
    public void A_snapshot_without_extra_values_or_with_other_letter_case_reads_its_fields()
    {
        var read = JsonSerializer.Deserialize<LeadFields>("""{"FirstName":"Ada","LASTNAME":"Lovelace","email":"ada@example.com","unknown":{"a":[1]},"extra":null}""", SnapshotOptions)!;

        Assert.Equal(new LeadFields("Ada", "Lovelace", "ada@example.com", null, null, null), read);
        Assert.Same(LeadFieldValues.Empty, read.Extra);
    }
}
