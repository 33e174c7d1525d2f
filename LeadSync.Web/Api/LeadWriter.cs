using LeadSync.Core.Leads;

namespace LeadSync.Web.Api;

/// <summary>What an API lead write needs: the reader of its input (core and mapped extra fields) and Core's commands.</summary>
internal sealed record LeadWriter(LeadCommands Commands, LeadInputReader Reader);
