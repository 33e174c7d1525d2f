using CsCheck;
using LeadSync.Core.Sync.Merge;
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

    private static readonly (int Weight, ModelOpKind Kind, Gen<ModelOp> Gen)[] Ops =
    [
        (140, ModelOpKind.LocalEdit, Local(ModelOpKind.LocalEdit)),
        (140, ModelOpKind.ZohoEdit, Zoho(ModelOpKind.ZohoEdit)),
        (50, ModelOpKind.LocalCreate, Local(ModelOpKind.LocalCreate)),
        (40, ModelOpKind.ZohoCreate, Zoho(ModelOpKind.ZohoCreate)),
        (20, ModelOpKind.LocalEmailCase, Local(ModelOpKind.LocalEmailCase)),
        (20, ModelOpKind.ZohoEmailCase, Zoho(ModelOpKind.ZohoEmailCase)),
        (20, ModelOpKind.LocalDelete, Local(ModelOpKind.LocalDelete)),
        (20, ModelOpKind.ZohoDelete, Zoho(ModelOpKind.ZohoDelete)),
        (20, ModelOpKind.BulkPush, Word.Select(w => new ModelOp(ModelOpKind.BulkPush, Word: w))),
        (60, ModelOpKind.Pull, Plain(ModelOpKind.Pull)),
        (40, ModelOpKind.Drain, Plain(ModelOpKind.Drain)),
        (60, ModelOpKind.Settle, Plain(ModelOpKind.Settle)),
        (20, ModelOpKind.Faults, Word.Select(w => new ModelOp(ModelOpKind.Faults, Word: w))),
        (10, ModelOpKind.FaultsOff, Plain(ModelOpKind.FaultsOff)),
        (10, ModelOpKind.ExpireTokens, Plain(ModelOpKind.ExpireTokens)),
        (3, ModelOpKind.Restart, Plain(ModelOpKind.Restart)),
    ];

    /// <summary>Operations by weight, without the <paramref name="excluded"/> kinds (to look past a known failure).</summary>
    public static Gen<ModelOp> Op(IReadOnlySet<ModelOpKind> excluded) =>
        Gen.Frequency([.. Ops.Where(o => !excluded.Contains(o.Kind)).Select(o => (o.Weight, o.Gen))]);

    public static Gen<ModelSequence> Sequence(IReadOnlySet<ModelOpKind> excluded) => Gen.Select(
        Gen.Enum<ConflictPolicy>(), Gen.Bool, Gen.Int[0, 2], Gen.Int[0, 1], Op(excluded).List[1, 12],
        (policy, webhooks, local, zoho, ops) => new ModelSequence(policy, webhooks, local, zoho, ops));
}
