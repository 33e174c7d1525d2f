using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulkReadJobsAndRunNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "SyncRuns",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkReadJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ModifiedAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    ZohoJobId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Page = table.Column<int>(type: "INTEGER", nullable: false),
                    PageToken = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ZohoState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RowsApplied = table.Column<int>(type: "INTEGER", nullable: false),
                    Jobs = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstJobCreatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastModifiedApplied = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkReadJobs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkReadJobs_State",
                table: "BulkReadJobs",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkReadJobs");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "SyncRuns");
        }
    }
}
