namespace LeadSync.Web.Api;

/// <summary>Turns Core's typed errors and unreadable bodies into problem documents for every <c>/api</c> endpoint.</summary>
internal sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ApiProblems.ForLeadError(ex) is { } problem)
        {
            return problem;
        }
        catch (ApiBadRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: ex.Title);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiBodyLimit.TooLarge(ApiBodyLimit.LimitFor(context.HttpContext));
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: "Bad request");
        }
    }
}
