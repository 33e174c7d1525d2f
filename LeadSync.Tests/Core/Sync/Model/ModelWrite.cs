namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// One field written by a person (the harness): which side, which lead or record (<see cref="Entity"/>, e.g.
/// <c>L:…</c> or <c>Z:…</c>), the value written and the value it replaced there (null for a create), and when.
/// <see cref="Step"/> orders writes and deletes of a sequence.
/// </summary>
internal sealed record ModelWrite(int Step, ModelSide Side, string Entity, string Field, string Value, string? Prev, DateTimeOffset At)
{
    public override string ToString() => $"#{Step} {Side} {Field}='{Value}'";
}
