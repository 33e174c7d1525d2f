using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadSync.Web.Api;

/// <summary><c>/api/sync/*</c> and <c>/api/conflicts</c>: start pushes and pulls, read the engine's status, runs and conflicts.</summary>
internal static class SyncApi
{
    public const int MaxListSize = 500;

    public static RouteGroupBuilder MapSyncApi(this RouteGroupBuilder api)
    {
        var sync = api.MapGroup("/sync").WithTags("Sync");
        sync.MapPost("/push", PushAsync).WithName("Push").Accepts<SyncPushRequest>("application/json")
            .WithSummary("Pushes the given leads ({\"leadIds\":[…]}) or every lead matching a filter ({\"all\":true,\"filter\":{…}}) now; answers the run id.")
            .ProducesValidationProblem();
        sync.MapGet("/push/{runId:guid}", PushProgressAsync).WithName("PushProgress")
            .WithSummary("Where each lead a push selected stands now (synced, queued, failed, in conflict, deleted), whichever run sent it.");
        sync.MapPost("/pull", PullAsync).WithName("Pull").WithSummary("Pulls Zoho's changes now; answers the run id.");
        sync.MapGet("/status", StatusAsync).WithName("SyncStatus").WithSummary("The engine's state, queue depth, dead letters, conflicts and errors.");
        sync.MapGet("/runs", RunsAsync).WithName("SyncRuns").WithSummary("The latest sync runs, newest first (limit 1-500, default 50).");
        api.MapGet("/conflicts", ConflictsAsync).WithTags("Sync").WithName("Conflicts")
            .WithSummary("Conflicts waiting for an admin (all=true: resolved ones too), newest first.");
        return sync;
    }

    private static async Task<Results<Accepted<SyncRunStarted>, ValidationProblem>> PushAsync(
        HttpRequest request, SyncService sync, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<SyncPushRequest>(request, cancellationToken);
        var hasIds = body.LeadIds is { Count: > 0 };
        if (hasIds == body.All)
        {
            return ApiProblems.Validation("leadIds", "Send either \"leadIds\" (a non-empty list) or \"all\": true with an optional \"filter\", not both.");
        }

        if (hasIds && body.LeadIds!.Count > 10_000)
        {
            return ApiProblems.Validation("leadIds", "leadIds may hold at most 10000 ids; use \"all\" with a filter for more.");
        }

        Guid runId;
        if (hasIds)
        {
            runId = await sync.PushAsync(body.LeadIds!, SyncTrigger.Manual, cancellationToken);
        }
        else
        {
            var failures = new List<ValidationFailure>();
            var filter = PushFilter(body.Filter, failures);
            if (failures.Count > 0)
            {
                return ApiProblems.Validation(failures);
            }

            runId = await sync.PushAsync(filter, SyncTrigger.Bulk, cancellationToken);
        }

        return TypedResults.Accepted($"/api/sync/push/{runId}", new SyncRunStarted(runId));
    }

    private static async Task<Results<Ok<SyncPushProgressResponse>, NotFound>> PushProgressAsync(
        Guid runId, BulkPushProgressQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(runId, cancellationToken) is { } progress
            ? TypedResults.Ok(SyncPushProgressResponse.From(progress))
            : TypedResults.NotFound();

    /// <summary>The lead filter of an "all" push (none: every lead); unknown sync states are added to <paramref name="failures"/>.</summary>
    private static LeadFilter PushFilter(SyncPushFilter? filter, List<ValidationFailure> failures)
    {
        var states = new List<SyncState>();
        foreach (var value in filter?.SyncStates ?? [])
        {
            if (value.All(char.IsAsciiLetter) && Enum.TryParse<SyncState>(value, ignoreCase: true, out var state))
            {
                states.Add(state);
            }
            else
            {
                failures.Add(new("filter.syncStates", "unknown", $"syncState '{value}' is not one of {string.Join(", ", Enum.GetNames<SyncState>())}."));
            }
        }

        return new LeadFilter
        {
            Search = filter?.Search,
            SyncStates = states.Count > 0 ? states : null,
            Statuses = filter?.Statuses is { Count: > 0 } statuses ? statuses.ToList() : null,
        };
    }

    private static async Task<Accepted<SyncRunStarted>> PullAsync(SyncService sync, CancellationToken cancellationToken)
    {
        var runId = await sync.PullNowAsync(SyncTrigger.Manual, cancellationToken);
        return TypedResults.Accepted($"/api/sync/runs?runId={runId}", new SyncRunStarted(runId));
    }

    private static async Task<Ok<SyncOverviewResponse>> StatusAsync(SyncService sync, CancellationToken cancellationToken) =>
        TypedResults.Ok(SyncOverviewResponse.From(await sync.GetOverviewAsync(cancellationToken)));

    private static async Task<Results<Ok<IReadOnlyList<SyncRunResponse>>, ValidationProblem>> RunsAsync(
        SyncRunQueries queries, int? limit, Guid? runId, CancellationToken cancellationToken)
    {
        var take = limit ?? 50;
        if (take is < 1 or > MaxListSize)
        {
            return ApiProblems.Validation("limit", $"limit must be between 1 and {MaxListSize}.");
        }

        var runs = await queries.GetLatestAsync(take, runId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SyncRunResponse>>(runs.Select(SyncRunResponse.From).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<ConflictResponse>>, ValidationProblem>> ConflictsAsync(
        ConflictQueries queries, bool? all, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxListSize)
        {
            return ApiProblems.Validation("limit", $"limit must be between 1 and {MaxListSize}.");
        }

        var conflicts = await queries.GetLatestAsync(includeResolved: all == true, take, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ConflictResponse>>(conflicts.Select(ConflictResponse.From).ToList());
    }
}
