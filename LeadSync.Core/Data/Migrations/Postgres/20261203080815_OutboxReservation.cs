using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxReservation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReservedFor",
                table: "Outbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ReservedFor_Id",
                table: "Outbox",
                columns: new[] { "ReservedFor", "Id" },
                filter: "\"ReservedFor\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ReservedFor_Id",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReservedFor",
                table: "Outbox");
        }
    }
}
