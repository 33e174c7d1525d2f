using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ZohoJobId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ZohoState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CallbackTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    RowsUploaded = table.Column<int>(type: "integer", nullable: false),
                    RowsApplied = table.Column<int>(type: "integer", nullable: false),
                    RowsFailed = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CallbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FollowedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FollowedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    LeadId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    LeadVersion = table.Column<long>(type: "bigint", nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: true)
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
