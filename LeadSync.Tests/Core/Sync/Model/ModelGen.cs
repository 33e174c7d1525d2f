using CsCheck;
using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// Generators of sequences. Edits dominate and mostly touch one field (Company, Phone and Status most often) of one of
/// the first few leads, so both sides keep touching the same field of the same lead; the engine's own steps (pull,
/// drain, settle) come in between often enough that some edits see the other side's and some do not.
/// </summary>
internal static class ModelGen
{
    private static readonly Gen<int> OneField = Gen.Frequency(
        (4, Gen.Const(1 << 5)), // Company
        (3, Gen.Const(1 << 3)), // Phone
        (3, Gen.Const(1 << 4)), // Status
        (1, Gen.Const(1 << 0)), // FirstName
        (1, Gen.Const(1 << 1)), // LastName
        (1, Gen.Const(1 << 2))); // Email

    private static readonly Gen<int> FieldMask = Gen.Frequency(
        (5, OneField),
        (1, Gen.Select(OneField, OneField, (a, b) => a | b)));

    private static readonly Gen<int> Target = Gen.Int[0, 2];

    private static readonly Gen<int> Word = Gen.Int[0, 3];

    private static Gen<ModelOp> Local(ModelOpKind kind) =>
        Gen.Select(Target, FieldMask, Word, Gen.Bool, (t, f, w, api) => new ModelOp(kind, t, f, w, api));

    private static Gen<ModelOp> Zoho(ModelOpKind kind) =>
        Gen.Select(Target, FieldMask, Word, (t, f, w) => new ModelOp(kind, t, f, w));

    private static Gen<ModelOp> Plain(ModelOpKind kind) => Gen.Const(new ModelOp(kind));

    public static Gen<ModelOp> Op { get; } = Gen.Frequency(
        (140, Local(ModelOpKind.LocalEdit)),
        (140, Zoho(ModelOpKind.ZohoEdit)),
        (50, Local(ModelOpKind.LocalCreate)),
        (40, Zoho(ModelOpKind.ZohoCreate)),
        (20, Local(ModelOpKind.LocalEmailCase)),
        (20, Zoho(ModelOpKind.ZohoEmailCase)),
        (20, Local(ModelOpKind.LocalDelete)),
        (20, Zoho(ModelOpKind.ZohoDelete)),
        (20, Word.Select(w => new ModelOp(ModelOpKind.BulkPush, Word: w))),
        (60, Plain(ModelOpKind.Pull)),
        (40, Plain(ModelOpKind.Drain)),
        (60, Plain(ModelOpKind.Settle)),
        (20, Word.Select(w => new ModelOp(ModelOpKind.Faults, Word: w))),
        (10, Plain(ModelOpKind.FaultsOff)),
        (10, Plain(ModelOpKind.ExpireTokens)),
        (3, Plain(ModelOpKind.Restart)));

    public static Gen<ModelSequence> Sequence { get; } = Gen.Select(
        Gen.Enum<ConflictPolicy>(), Gen.Bool, Gen.Int[0, 2], Gen.Int[0, 1], Op.List[1, 12],
        (policy, webhooks, local, zoho, ops) => new ModelSequence(policy, webhooks, local, zoho, ops));
}
