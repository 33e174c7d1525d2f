using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkReadJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ModifiedAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ZohoJobId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Page = table.Column<int>(type: "integer", nullable: false),
                    PageToken = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ZohoState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RowsApplied = table.Column<int>(type: "integer", nullable: false),
                    Jobs = table.Column<int>(type: "integer", nullable: false),
                    FirstJobCreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastModifiedApplied = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
