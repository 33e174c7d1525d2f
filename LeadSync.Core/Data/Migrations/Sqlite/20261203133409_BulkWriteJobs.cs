using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulkWriteJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkWriteJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ZohoJobId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ZohoState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CallbackTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsUploaded = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsApplied = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CallbackAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FollowedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FollowedUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkWriteJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkWriteJobs_SyncRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SyncRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BulkWriteJobRows",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkWriteJobRows", x => new { x.JobId, x.Row });
                    table.ForeignKey(
                        name: "FK_BulkWriteJobRows_BulkWriteJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "BulkWriteJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkWriteJobs_CallbackTokenHash",
                table: "BulkWriteJobs",
                column: "CallbackTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkWriteJobs_RunId",
                table: "BulkWriteJobs",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_BulkWriteJobs_State_FollowedUntil",
                table: "BulkWriteJobs",
                columns: new[] { "State", "FollowedUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkWriteJobRows");

            migrationBuilder.DropTable(
                name: "BulkWriteJobs");
        }
    }
}
