-- isnad language server for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
--
-- Put this directory (editors/nvim) on 'runtimepath', then in init.lua:
--   vim.lsp.enable('isnad')
-- Override any field with vim.lsp.config('isnad', { ... }) (it is merged over this file).
--
-- Corpus articles get the `newsarticle` filetype from ftdetect/isnad.lua (a `.txt` file under a
-- folder that holds an `isnad.toml`), so other `.txt` files are never handed to the server.
---@type vim.lsp.Config
return {
  cmd = { 'isnad', 'lsp' },
  filetypes = { 'newsarticle' },
  root_markers = { 'isnad.toml', '.git' },
  -- Only attach inside a corpus: a buffer with no root marker above it gets no client.
  workspace_required = true,
  -- The answer to workspace/configuration requests (section "isnad").
  settings = { isnad = {} },
}
