using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Web.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Web.Realtime;

/// <summary>The engine indicator's board: a status read and the live events, whichever comes last in time wins.</summary>
public sealed class EngineStatusBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static SyncOverview Idle => new(EngineState.Idle, null, 0, null, 0, 0, 0, 0, "here");

    [Fact] // the full suite on a busy machine: the page's first read ended after the engine had started pulling
    public void A_status_read_that_began_before_an_event_does_not_set_the_indicator_back()
    {
        var board = new EngineStatusBoard("here", new FakeTimeProvider(Start));

        board.Apply(new EngineStateChanged(Start.AddMilliseconds(5), "here", EngineState.Pulling, 0, null, 0, null));
        board.Reset(Idle, readAt: Start);

        Assert.Equal(EngineState.Pulling, board.Current.State);
    }

    [Fact]
    public void A_status_read_that_began_after_the_last_event_is_taken()
    {
        var board = new EngineStatusBoard("here", new FakeTimeProvider(Start));

        board.Apply(new EngineStateChanged(Start, "here", EngineState.Pulling, 0, null, 0, null));
        board.Reset(Idle, readAt: Start.AddMilliseconds(5));

        Assert.Equal(EngineState.Idle, board.Current.State);
    }
}
