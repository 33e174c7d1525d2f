using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ZohoId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 19, nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
