-- Minimal init for the Neovim test: only the shipped config (editors/nvim) is loaded.
local editors_nvim = assert(os.getenv('ISNAD_NVIM_CONFIG'), 'ISNAD_NVIM_CONFIG is not set')
vim.opt.runtimepath:prepend(editors_nvim)
vim.lsp.enable('isnad')
