using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_AuthorId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Kind_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_IsSticky_PublishedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AuthorId_Kind_Status_PublishedAt_UpdatedAt",
                table: "Articles",
                columns: new[] { "AuthorId", "Kind", "Status", "PublishedAt", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Id_Kind_Status_PublishedAt_UpdatedAt",
                table: "Articles",
                columns: new[] { "Id", "Kind", "Status", "PublishedAt", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Kind_Status_IsSticky_PublishedAt_Id",
                table: "Articles",
                columns: new[] { "Kind", "Status", "IsSticky", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Kind_Status_PublishedAt_Id_UpdatedAt",
                table: "Articles",
                columns: new[] { "Kind", "Status", "PublishedAt", "Id", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Kind_UpdatedAt",
                table: "Articles",
                columns: new[] { "Kind", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_AuthorId_Kind_Status_PublishedAt_UpdatedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Id_Kind_Status_PublishedAt_UpdatedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Kind_Status_IsSticky_PublishedAt_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Kind_Status_PublishedAt_Id_UpdatedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Kind_UpdatedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AuthorId",
                table: "Articles",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Kind_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "Kind", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_IsSticky_PublishedAt",
                table: "Articles",
                columns: new[] { "Status", "IsSticky", "PublishedAt" });
        }
    }
}
