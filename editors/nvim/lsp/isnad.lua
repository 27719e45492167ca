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
  -- :IsnadSaid — what the entity under the cursor said: the sentences attributed to it across
  -- the corpus (the server's `isnad/statements` request), in the quickfix list.
  on_attach = function(client, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'IsnadSaid', function()
      local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
      local word = vim.fn.expand('<cword>')
      client:request('isnad/statements', params, function(err, result)
        if err then
          vim.notify('isnad: ' .. tostring(err.message or err), vim.log.levels.ERROR)
          return
        end
        local items = vim.lsp.util.locations_to_items(result or {}, client.offset_encoding)
        vim.fn.setqflist({}, ' ', { title = 'What ' .. word .. ' said (isnad)', items = items })
        if #items == 0 then
          vim.notify('isnad: no sentence is attributed to the name under the cursor')
        else
          vim.cmd('botright copen')
        end
      end, bufnr)
    end, { desc = 'isnad: show what the entity under the cursor said (quickfix)' })
  end,
}
