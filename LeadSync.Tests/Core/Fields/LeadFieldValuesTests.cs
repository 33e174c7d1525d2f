using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Fields;

/// <summary>A lead's extra values as one typed JSON object, with value equality (the agreed snapshot's and merge's basis).</summary>
public sealed class LeadFieldValuesTests
{
    private static readonly LeadFieldValues Sample = LeadFieldValues.Empty
        .With("Industry", FieldValue.Text("Retail"))
        .With("Annual_Revenue", FieldValue.Number(250000.5m))
        .With("No_of_Employees", FieldValue.Number(42))
        .With("Email_Opt_Out", FieldValue.Boolean(true))
        .With("Interests__c", FieldValue.List(["CRM", "BI"]));

    [Fact]
    public void Values_are_stored_as_typed_json_and_read_back_equal()
    {
        var json = LeadFieldValuesJsonConverter.Serialize(Sample);

        Assert.Equal("""{"Annual_Revenue":250000.5,"Email_Opt_Out":true,"Industry":"Retail","Interests__c":["CRM","BI"],"No_of_Employees":42}""", json);
        Assert.Equal(Sample, LeadFieldValuesJsonConverter.Deserialize(json));
        Assert.Equal(42, LeadFieldValuesJsonConverter.Deserialize(json).Get("No_of_Employees")!.AsLong);
    }

    [Fact]
    public void Equal_numbers_and_reordered_lists_are_equal_values()
    {
        var other = Sample.With("Annual_Revenue", FieldValue.Number(250000.50m)).With("Interests__c", FieldValue.List(["BI", "CRM"]));

        Assert.Equal(Sample, other);
        Assert.Equal(Sample.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(Sample, Sample.With("Email_Opt_Out", FieldValue.Boolean(false)));
        Assert.NotEqual(FieldValue.Text("1"), FieldValue.Number(1));
    }

    [Fact]
    public void Setting_no_value_removes_the_field()
    {
        var cleared = Sample.With("Industry", null);

        Assert.Null(cleared.Get("Industry"));
        Assert.Equal(4, cleared.Count);
        Assert.Same(LeadFieldValues.Empty, LeadFieldValues.Empty.With("X", FieldValue.Text("a")).With("X", null));
    }

    [Fact]
    public void Lead_fields_carry_extra_values_through_the_snapshot_json_and_by_name()
    {
        var fields = new LeadFields("Ada", "Lovelace", "ada@example.com", null, null, null) { Extra = Sample };

        Assert.Equal("250000.5", fields.Get("Annual_Revenue"));
        Assert.Equal("""["CRM","BI"]""", fields.Get("Interests__c"));
        Assert.Equal(FieldValue.Boolean(false), fields.With("Email_Opt_Out", "false").Extra.Get("Email_Opt_Out"));
        Assert.True(LeadFields.ValuesEqual("Interests__c", """["BI","CRM"]""", fields.Get("Interests__c")));
        Assert.False(fields.SameValuesAs(fields.WithExtra("Industry", null)));
        Assert.True(fields.SameValuesAs(fields.Normalize()));
    }
}
