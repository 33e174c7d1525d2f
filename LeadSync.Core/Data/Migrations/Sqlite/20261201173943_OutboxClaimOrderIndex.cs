using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxClaimOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_DeadLettered_NextAttemptAt",
                table: "Outbox");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DeadLettered_NextAttemptAt_Id",
                table: "Outbox",
                columns: new[] { "DeadLettered", "NextAttemptAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_DeadLettered_NextAttemptAt_Id",
                table: "Outbox");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DeadLettered_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "DeadLettered", "NextAttemptAt" });
        }
    }
}
