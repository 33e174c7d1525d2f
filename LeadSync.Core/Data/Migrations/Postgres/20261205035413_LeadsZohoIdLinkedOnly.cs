using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadsZohoIdLinkedOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_ZohoId",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ZohoId",
                table: "Leads",
                column: "ZohoId",
                unique: true,
                filter: "\"ZohoId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_ZohoId",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ZohoId",
                table: "Leads",
                column: "ZohoId",
                unique: true);
        }
    }
}
