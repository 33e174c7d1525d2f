using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadsAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_Company",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_FirstName",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_LastName",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Phone",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Status",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SyncState_UpdatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads");

            migrationBuilder.CreateTable(
                name: "LeadCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SyncState = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Company_Id",
                table: "Leads",
                columns: new[] { "Company", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt_Id",
                table: "Leads",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_FirstName_Id",
                table: "Leads",
                columns: new[] { "FirstName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads",
                columns: new[] { "LastName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Phone_Id",
                table: "Leads",
                columns: new[] { "Phone", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "Status", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SyncState_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "SyncState", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadCounts_SyncState_Status",
                table: "LeadCounts",
                columns: new[] { "SyncState", "Status" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers that keep the counts (LeadCountTriggers, created after migrations) go with their table.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Leads_counts_insert\"; DROP TRIGGER IF EXISTS \"Leads_counts_delete\"; DROP TRIGGER IF EXISTS \"Leads_counts_update\";");

            migrationBuilder.DropTable(
                name: "LeadCounts");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Company_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_FirstName_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_LastName_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Phone_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Status_UpdatedAt_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SyncState_UpdatedAt_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt_Id",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Company",
                table: "Leads",
                column: "Company");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_FirstName",
                table: "Leads",
                column: "FirstName");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_LastName",
                table: "Leads",
                column: "LastName");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Phone",
                table: "Leads",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status",
                table: "Leads",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SyncState_UpdatedAt",
                table: "Leads",
                columns: new[] { "SyncState", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads",
                column: "UpdatedAt");
        }
    }
}
