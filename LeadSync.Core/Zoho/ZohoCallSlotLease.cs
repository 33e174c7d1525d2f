namespace LeadSync.Core.Zoho;

/// <summary>One row of <c>ZohoCallSlots</c> this instance holds: taken at <paramref name="TakenAt"/>, leased until <paramref name="HeldUntil"/>.</summary>
internal sealed record ZohoCallSlotLease(int Slot, string Holder, DateTimeOffset TakenAt, DateTimeOffset HeldUntil);
