using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>Core's surface answers a refused write with its own exception, keeping the message callers show.</summary>
public sealed class StoreWritesTests
{
    [Fact]
    public async Task A_refused_write_becomes_a_LeadWriteException_with_the_same_message()
    {
        var refused = new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.");

        var ex = await Assert.ThrowsAsync<LeadWriteException>(() => StoreWrites.TranslateAsync<Guid>(() => throw refused));

        Assert.Equal(refused.Message, ex.Message);
        Assert.Same(refused, ex.InnerException);
    }

    [Fact]
    public async Task Other_errors_and_results_pass_through()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(id, await StoreWrites.TranslateAsync(() => Task.FromResult(id)));
        await Assert.ThrowsAsync<LeadNotFoundException>(() => StoreWrites.TranslateAsync<Guid>(() => throw new LeadNotFoundException(id)));
    }
}
