using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads",
                columns: new[] { "LastName", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "UpdatedAt", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads",
                columns: new[] { "LastName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "UpdatedAt", "Id" });
        }
    }
}
