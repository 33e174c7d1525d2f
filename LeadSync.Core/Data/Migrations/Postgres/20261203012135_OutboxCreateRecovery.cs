using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxCreateRecovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreateAttemptedAt",
                table: "Outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreateSnapshotJson",
                table: "Outbox",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreateAttemptedAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "CreateSnapshotJson",
                table: "Outbox");
        }
    }
}
