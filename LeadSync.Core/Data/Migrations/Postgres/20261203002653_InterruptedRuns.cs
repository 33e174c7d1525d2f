using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InterruptedRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Interrupted",
                table: "SyncRuns",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Interrupted",
                table: "SyncRuns");
        }
    }
}
