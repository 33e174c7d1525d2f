using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpectedEchoes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExpectedEchoes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ZohoId = table.Column<string>(type: "character varying(19)", unicode: false, maxLength: 19, nullable: false),
                    ZohoTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpectedEchoes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpectedEchoes_WrittenAt",
                table: "ExpectedEchoes",
                column: "WrittenAt");

            migrationBuilder.CreateIndex(
                name: "IX_ExpectedEchoes_ZohoId",
                table: "ExpectedEchoes",
                column: "ZohoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpectedEchoes");
        }
    }
}
