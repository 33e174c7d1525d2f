using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxCreateRecovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CreateAttemptedAt",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreateSnapshotJson",
                table: "Outbox",
                type: "TEXT",
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
