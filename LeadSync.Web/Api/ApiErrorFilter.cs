using LeadSync.Core.Leads;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Api;

/// <summary>Turns Core's typed errors and unreadable bodies into problem documents for every <c>/api</c> endpoint.</summary>
internal sealed class ApiErrorFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DuplicateEmailException ex)
        {
            return ApiProblems.DuplicateEmail(ex);
        }
        catch (LeadValidationException ex)
        {
            return ApiProblems.Validation(ex.Failures);
        }
        catch (LeadNotFoundException ex)
        {
            return ApiProblems.LeadNotFound(ex.LeadId);
        }
        catch (LeadConcurrencyException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Version conflict");
        }
        catch (ApiBadRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: ex.Title);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiBodyLimit.TooLarge(options.Value.MaxRequestBodyBytes);
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: "Bad request");
        }
    }
}
