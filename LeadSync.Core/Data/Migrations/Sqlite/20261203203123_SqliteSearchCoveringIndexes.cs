using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SqliteSearchCoveringIndexes : Migration
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
                columns: new[] { "LastName", "Id", "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "UpdatedAt", "Id", "SearchText" });
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
