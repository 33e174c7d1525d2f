using Bogus;
using LeadSync.Core.Leads;

namespace LeadSync.Web.Demo;

/// <summary>Realistic, valid and unique demo leads.</summary>
public static class DemoLeadGenerator
{
    public static IReadOnlyList<LeadFields> Generate(int count, int seed = 20261201)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var leads = new List<LeadFields>(count);
        while (leads.Count < count)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var company = faker.Company.CompanyName();
            var email = faker.Internet.Email(first, last, faker.Internet.DomainName()).ToLowerInvariant();
            if (!emails.Add(email))
            {
                continue;
            }

            var fields = new LeadFields(
                first,
                last,
                email,
                faker.Random.Bool(0.85f) ? faker.Phone.PhoneNumber("+1 ###-###-####") : null,
                faker.PickRandom(LeadStatuses.Defaults.Append("Not Contacted").Append("Not Contacted")),
                company.Length <= Lead.CompanyMaxLength ? company : company[..Lead.CompanyMaxLength]);
            if (LeadValidator.Validate(fields).Count == 0)
            {
                leads.Add(fields);
            }
        }

        return leads;
    }
}
