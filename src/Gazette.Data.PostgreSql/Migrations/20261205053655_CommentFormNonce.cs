using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CommentFormNonce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormNonce",
                table: "Comments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_FormNonce",
                table: "Comments",
                column: "FormNonce",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_FormNonce",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "FormNonce",
                table: "Comments");
        }
    }
}
