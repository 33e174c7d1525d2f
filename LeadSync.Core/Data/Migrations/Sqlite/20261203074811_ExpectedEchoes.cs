using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadSync.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ZohoId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 19, nullable: false),
                    ZohoTime = table.Column<long>(type: "INTEGER", nullable: true),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
