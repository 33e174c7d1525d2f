using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ZohoDeletions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ZohoDeletions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ZohoId = table.Column<string>(type: "character varying(19)", unicode: false, maxLength: 19, nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZohoDeletions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ZohoDeletions_DeletedAt",
                table: "ZohoDeletions",
                column: "DeletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ZohoDeletions_ZohoId",
                table: "ZohoDeletions",
                column: "ZohoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZohoDeletions");
        }
    }
}
