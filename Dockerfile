# syntax=docker/dockerfile:1
# LeadSync web console + sync engine. Build: docker build -t leadsync .   Run: see docker-compose.yml.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first (cached while only sources change).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY LeadSync.Core/LeadSync.Core.csproj LeadSync.Core/
COPY LeadSync.ZohoSandbox/LeadSync.ZohoSandbox.csproj LeadSync.ZohoSandbox/
COPY LeadSync.Web/LeadSync.Web.csproj LeadSync.Web/
RUN dotnet restore LeadSync.Web/LeadSync.Web.csproj
COPY appsettings.Development.json ./
COPY LeadSync.Core/ LeadSync.Core/
COPY LeadSync.ZohoSandbox/ LeadSync.ZohoSandbox/
COPY LeadSync.Web/ LeadSync.Web/
RUN dotnet publish LeadSync.Web/LeadSync.Web.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# /app/data holds the SQLite database and the Zoho sandbox file; owned by the image's non-root "app" user.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__SqlitePath=/app/data/leadsync.db
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "LeadSync.Web.dll"]
